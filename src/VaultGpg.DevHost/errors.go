package main

import (
	"errors"
	"fmt"
	"strings"

	pb "vaultgpg.dev/devhost/proto/pb"
)

// Vault's sentinel error texts (sdk/logical/error.go, vault/request_handling.go). Vault compares these texts
// exactly against every error in a chain, so they are the contract, not decoration.
const (
	msgUnsupportedOperation = "unsupported operation"
	msgUnsupportedPath      = "unsupported path"
	msgInvalidRequest       = "invalid request"
	msgPermissionDenied     = "permission denied"
	msgMultiAuthzPending    = "request needs further approval"
	msgUnrecoverable        = "unrecoverable error"
	msgInternalError        = "internal error"
	msgReadOnly             = "cannot write to readonly storage"
	msgPluginShutdown       = "plugin is shut down"
	// net/http's MaxBytesError text, which AdjustErrorStatusCode turns into 413.
	msgBodyTooLarge = "http: request body too large"
)

// ProtoError err_type values (Vault sdk/plugin/pb/translation.go).
const (
	errTypeUnknown uint32 = iota
	errTypeUserError
	errTypeInternalError
	errTypeCodedError
	errTypeStatusBadRequest
	errTypeUnsupportedOperation
	errTypeUnsupportedPath
	errTypeInvalidRequest
	errTypePermissionDenied
	errTypeMultiAuthzPending
	errTypeUnrecoverable
)

// errKind tells the Go error types Vault reconstructs from a ProtoError apart, where the HTTP mapping cares.
type errKind int

const (
	kindPlain      errKind = iota // errors.New: matched by text only
	kindUser                      // errutil.UserError
	kindInternal                  // errutil.InternalError
	kindCoded                     // logical.CodedError: HTTP status passthrough
	kindBadRequest                // *logical.StatusBadRequest
)

// vaultError is one error as Vault's core sees it after translating a ProtoError.
type vaultError struct {
	kind errKind
	msg  string
	code int
}

func (e *vaultError) Error() string { return e.msg }

func newVaultError(msg string) *vaultError { return &vaultError{kind: kindPlain, msg: msg} }

var (
	errUnsupportedOperation = newVaultError(msgUnsupportedOperation)
	errUnsupportedPath      = newVaultError(msgUnsupportedPath)
	errInvalidRequest       = newVaultError(msgInvalidRequest)
	errPermissionDenied     = newVaultError(msgPermissionDenied)
	errInternal             = newVaultError(msgInternalError)
	errPluginShutdown       = errors.New(msgPluginShutdown)
	errInvalidPathEncoding  = errors.New("request path is not valid UTF-8 after percent-decoding")
)

// protoErrToErr mirrors Vault's ProtoErrToErr: types 5-10 become the sentinel and err_msg is ignored; an
// err_type Vault does not know yields no error at all.
func protoErrToErr(e *pb.ProtoError) error {
	if e == nil {
		return nil
	}
	switch e.ErrType {
	case errTypeUnknown:
		return &vaultError{kind: kindPlain, msg: e.ErrMsg}
	case errTypeUserError:
		return &vaultError{kind: kindUser, msg: e.ErrMsg}
	case errTypeInternalError:
		return &vaultError{kind: kindInternal, msg: e.ErrMsg}
	case errTypeCodedError:
		return &vaultError{kind: kindCoded, msg: e.ErrMsg, code: int(e.ErrCode)}
	case errTypeStatusBadRequest:
		return &vaultError{kind: kindBadRequest, msg: e.ErrMsg}
	case errTypeUnsupportedOperation:
		return errUnsupportedOperation
	case errTypeUnsupportedPath:
		return errUnsupportedPath
	case errTypeInvalidRequest:
		return errInvalidRequest
	case errTypePermissionDenied:
		return errPermissionDenied
	case errTypeMultiAuthzPending:
		return newVaultError(msgMultiAuthzPending)
	case errTypeUnrecoverable:
		return newVaultError(msgUnrecoverable)
	default:
		return nil
	}
}

// multiError reproduces hashicorp/go-multierror, which Vault's core wraps every routing error in; its text is
// what HTTP clients see ("1 error occurred:\n\t* unsupported path\n\n").
type multiError struct {
	errs []error
}

func appendErr(base error, errs ...error) *multiError {
	m := &multiError{}
	if existing, ok := base.(*multiError); ok && existing != nil {
		m.errs = append(m.errs, existing.errs...)
	} else if base != nil {
		m.errs = append(m.errs, base)
	}
	for _, e := range errs {
		if e != nil {
			m.errs = append(m.errs, e)
		}
	}
	return m
}

func (m *multiError) Error() string {
	if len(m.errs) == 1 {
		return fmt.Sprintf("1 error occurred:\n\t* %s\n\n", m.errs[0])
	}
	points := make([]string, len(m.errs))
	for i, err := range m.errs {
		points[i] = fmt.Sprintf("* %s", err)
	}
	return fmt.Sprintf("%d errors occurred:\n\t%s\n\n", len(m.errs), strings.Join(points, "\n\t"))
}

// walkErr visits err and, for a multiError, every wrapped error, and what errors.Unwrap reveals, like
// errwrap.Walk.
func walkErr(err error, visit func(error)) {
	if err == nil {
		return
	}
	visit(err)
	if m, ok := err.(*multiError); ok {
		for _, e := range m.errs {
			walkErr(e, visit)
		}
		return
	}
	walkErr(errors.Unwrap(err), visit)
}

// containsMsg is errwrap.Contains: some error in the chain has exactly this text.
func containsMsg(err error, msg string) bool {
	found := false
	walkErr(err, func(e error) {
		if e.Error() == msg {
			found = true
		}
	})
	return found
}

func containsKind(err error, kind errKind) bool {
	found := false
	walkErr(err, func(e error) {
		if v, ok := e.(*vaultError); ok && v.kind == kind {
			found = true
		}
	})
	return found
}
