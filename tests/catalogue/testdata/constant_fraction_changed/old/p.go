package p

const C = 3.5
