load $STORE --dataset d bad_header.data
