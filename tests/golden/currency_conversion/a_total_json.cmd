query $STORE --dataset cny --period 2023-02:ytd --compare none --currency USD --format json
