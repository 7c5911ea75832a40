bulletin $STORE --period 2023-05:ytd --date 2023-06-07 --lang zh
