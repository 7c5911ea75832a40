bulletin $STORE --period 2023H1 --reporter 440000 --benchmark nation --date 2023-07-13
