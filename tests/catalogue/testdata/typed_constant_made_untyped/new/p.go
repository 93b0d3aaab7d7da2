package p

const C = 1
