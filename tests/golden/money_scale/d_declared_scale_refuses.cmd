load $STORE --dataset cents --money-scale 2 four_decimals.data
