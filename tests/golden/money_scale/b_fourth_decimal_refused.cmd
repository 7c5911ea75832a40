load $STORE --dataset exact four_decimals.data
