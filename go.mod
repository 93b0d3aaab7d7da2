module github.com/rules-go-api/rules_go_api

go 1.26
