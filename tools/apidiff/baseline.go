package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	rpt "github.com/rules-go-api/rules_go_api/internal/report"
)

// checkBaseline compares the features with a baseline given as features too, not as API files:
// a go_api_test's baseline target (check -baseline), or the published version apidiff release
// compares with. The baseline is written into a temporary snapshot with update's code, and
// check's code compares the features with it, in process: the same records, verdict and proofs
// as a check against API files. Nothing can be accepted, so only breaking changes fail: OK is
// false for a breaking verdict (and for problems, which a snapshot just written cannot have).
func (in inputFlags) checkBaseline(cmd string, baseline []string, name string) (*rpt.Report, apicheck.Result, error) {
	what := rpt.UnnamedBaseline
	if name == "" {
		name = what
	} else {
		what += " " + name
	}
	tmp, err := os.MkdirTemp("", "apidiff-baseline-")
	if err != nil {
		return nil, apicheck.Result{}, ioError(err)
	}
	defer os.RemoveAll(tmp)
	api := filepath.Join(tmp, "api.txt")
	args := []string{"-api", api, "-mode", string(modeSnapshot), "-approval", "none"}
	for _, f := range baseline {
		args = append(args, "-features", f)
	}
	if err := update(args, io.Discard); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return nil, apicheck.Result{}, &exitError{code: ee.code, msg: what + ": " + ee.msg}
		}
		return nil, apicheck.Result{}, err
	}
	in.api, in.apiName, in.mode, in.approval, in.hint = api, name, string(modeSnapshot), "none", ""
	r, res, _, _, err := in.check(cmd)
	if err != nil {
		return nil, apicheck.Result{}, err
	}
	r.Baseline = name
	r.UpdateHint = ""
	r.OK = len(r.Problems) == 0 && len(r.NotRecorded) == 0 && !r.Breaking()
	return r, res, nil
}
