query $STORE --dataset exact --period 2023-01 --format csv
