mirror $STORE --reporter CHN --period 2023Q2 --format json
