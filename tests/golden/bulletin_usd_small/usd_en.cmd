bulletin $STORE --dataset usd --period 2023H1 --date 2023-07-13
