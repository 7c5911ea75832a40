load $STORE --dataset d bad_rows.data
