mirror $STORE --reporter CHN --partner USA --period 2023-06 --by hs4 --format table
