module example.com/gz

go 1.26
