bulletin $STORE --dataset guangdong --period 2021H1
