bulletin $STORE --period 2023
