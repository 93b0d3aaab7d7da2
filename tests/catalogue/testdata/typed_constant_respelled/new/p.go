package p

const C = int(1)
