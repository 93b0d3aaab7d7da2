package q

type E struct{ Y int }

type Alias = e

type e struct{ Z int }
