bulletin $STORE --dataset guangdong --reporter 440300 --benchmark guangdong:440000 --period 2023H1 --date 2023-07-13
