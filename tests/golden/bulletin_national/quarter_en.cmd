bulletin $STORE --period 2023Q2 --date 2023-07-13
