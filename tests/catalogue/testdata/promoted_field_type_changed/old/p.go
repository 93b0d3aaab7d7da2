package p

type T struct{ inner }

type inner struct{ X int }
