package p

type S struct{ inner }

type inner struct{ Y int }
