mirror $STORE --reporter CHN --period 2023-05..2023-06 --format table
