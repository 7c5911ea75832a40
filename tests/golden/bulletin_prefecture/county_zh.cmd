bulletin $STORE --dataset guangzhou --reporter 440106 --benchmark guangzhou:440100 --period 2023H1 --date 2023-07-13 --lang zh
