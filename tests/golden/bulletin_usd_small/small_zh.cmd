bulletin $STORE --dataset small --period 2023H1 --date 2023-07-13 --lang zh
