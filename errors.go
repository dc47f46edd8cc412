package chronicle

import (
	"errors"
	"fmt"
)

// Error codes. The list is append-only.
const (
	EInternal = "internal"
	EInvalid  = "invalid"   // bad input or arguments
	ENotFound = "not_found" // no such record
	EConflict = "conflict"  // already exists
	EAuth     = "unauthorized"
	ETooLarge = "too_large"
)

// Error is Chronicle's error: a code, the operation or input that failed, and
// the cause.
type Error struct {
	Code string
	Op   string // the operation or input, e.g. "code" or a file name
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	s := ""
	if e.Op != "" {
		s = e.Op + ": "
	}
	switch {
	case e.Msg != "" && e.Err != nil:
		return s + e.Msg + ": " + e.Err.Error()
	case e.Msg != "":
		return s + e.Msg
	case e.Err != nil:
		return s + e.Err.Error()
	}
	return s + e.Code
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// E wraps err with an operation name, keeping its code.
func E(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: ErrorCode(err), Op: op, Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// other errors and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Code != "" {
			return e.Code
		}
		if e.Err != nil {
			return ErrorCode(e.Err)
		}
	}
	return EInternal
}
