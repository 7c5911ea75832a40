load $STORE --dataset d --dry-run good.data
