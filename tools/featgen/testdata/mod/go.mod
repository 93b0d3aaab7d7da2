module example.com/featgentest

go 1.26
