bulletin $STORE --period 2023H1
