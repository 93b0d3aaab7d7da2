package p

type inner struct{}

type T struct{ inner }
