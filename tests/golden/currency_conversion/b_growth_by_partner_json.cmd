query $STORE --dataset cny --period 2024-02:ytd --currency USD --by partner --format json
