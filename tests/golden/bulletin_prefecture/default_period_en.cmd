bulletin $STORE --dataset guangdong --date 2023-07-13
