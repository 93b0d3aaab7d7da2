package p

type L[T any] []T
