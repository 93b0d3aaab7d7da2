package p

type L[T any, U any] []T
