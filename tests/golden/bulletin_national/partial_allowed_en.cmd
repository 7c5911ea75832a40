bulletin $STORE --period 2023 --allow-partial --date 2023-07-13
