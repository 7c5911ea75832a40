query $STORE --dataset guangdong --period 2023 --format json
