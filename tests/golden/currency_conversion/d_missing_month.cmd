query $STORE --dataset cny --period 2025-09 --currency USD
