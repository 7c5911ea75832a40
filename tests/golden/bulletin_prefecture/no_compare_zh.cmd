bulletin $STORE --dataset guangdong --period 2021H1 --allow-partial --date 2021-07-13 --lang zh
