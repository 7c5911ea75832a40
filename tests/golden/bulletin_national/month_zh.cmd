bulletin $STORE --period 2023-03 --date 2023-04-13 --lang zh
