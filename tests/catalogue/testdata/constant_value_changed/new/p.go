package p

const C = 2
