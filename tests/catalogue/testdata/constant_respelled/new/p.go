package p

const C = 7.0 / 2
