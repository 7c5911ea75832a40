query $STORE --dataset cny --period 2024-01..2024-02 --by period --currency USD --format csv
