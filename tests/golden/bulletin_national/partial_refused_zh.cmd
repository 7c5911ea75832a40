bulletin $STORE --period 2023 --lang zh
