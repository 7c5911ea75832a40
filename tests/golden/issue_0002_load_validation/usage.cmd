load --dataset d
