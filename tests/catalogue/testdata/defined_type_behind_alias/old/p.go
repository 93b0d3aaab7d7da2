package p

type T string
