"""The real :class:`app.private_files.WindowsSecurity`: advapi32 through ctypes (Windows only).

Calls, as documented by Microsoft (learn.microsoft.com, Win32 API, "Security and Identity"):
``OpenProcessToken`` + ``GetTokenInformation(TokenUser)`` + ``ConvertSidToStringSidW`` for
the desk user's SID; ``ConvertStringSecurityDescriptorToSecurityDescriptorW`` +
``GetSecurityDescriptorDacl`` to build the DACL from SDDL; ``SetNamedSecurityInfoW``
with ``PROTECTED_DACL_SECURITY_INFORMATION`` to put it on a file or folder (which also
passes its inheritable entry down to what the folder already holds);
``GetNamedSecurityInfoW`` + ``ConvertSecurityDescriptorToStringSecurityDescriptorW``
to read one back. Every buffer Windows allocates is released with ``LocalFree``.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from typing import Any

TOKEN_QUERY = 0x0008
TOKEN_USER_CLASS = 1  # TOKEN_INFORMATION_CLASS.TokenUser
ERROR_INSUFFICIENT_BUFFER = 122
SDDL_REVISION_1 = 1
SE_FILE_OBJECT = 1  # SE_OBJECT_TYPE
DACL_SECURITY_INFORMATION = 0x00000004
PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000

_P = ctypes.POINTER


def _dll(name: str) -> Any:
    win_dll = getattr(ctypes, "WinDLL", None)  # absent off Windows
    if win_dll is None:
        raise OSError(f"{name} is a Windows library; this is not Windows")
    return win_dll(name, use_last_error=True)


def _declare(fn: Any, restype: Any, *argtypes: Any) -> Any:
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


class Advapi32Security:
    """Windows security calls for :mod:`app.private_files`."""

    def __init__(self) -> None:
        advapi, kernel = _dll("advapi32"), _dll("kernel32")
        void_p, dword, handle, b = ctypes.c_void_p, wintypes.DWORD, wintypes.HANDLE, wintypes.BOOL
        self._open_process_token = _declare(advapi.OpenProcessToken, b, handle, dword, _P(handle))
        self._get_token_information = _declare(advapi.GetTokenInformation, b, handle, ctypes.c_int,
                                               void_p, dword, _P(dword))
        self._sid_to_string = _declare(advapi.ConvertSidToStringSidW, b, void_p, _P(void_p))
        self._sddl_to_sd = _declare(advapi.ConvertStringSecurityDescriptorToSecurityDescriptorW,
                                    b, wintypes.LPCWSTR, dword, _P(void_p), _P(wintypes.ULONG))
        self._sd_dacl = _declare(advapi.GetSecurityDescriptorDacl, b, void_p, _P(b), _P(void_p),
                                 _P(b))
        self._set_named = _declare(advapi.SetNamedSecurityInfoW, dword, wintypes.LPWSTR,
                                   ctypes.c_int, dword, void_p, void_p, void_p, void_p)
        self._get_named = _declare(advapi.GetNamedSecurityInfoW, dword, wintypes.LPCWSTR,
                                   ctypes.c_int, dword, _P(void_p), _P(void_p), _P(void_p),
                                   _P(void_p), _P(void_p))
        self._sd_to_sddl = _declare(
            advapi.ConvertSecurityDescriptorToStringSecurityDescriptorW, b, void_p, dword, dword,
            _P(void_p), _P(wintypes.ULONG))
        self._current_process = _declare(kernel.GetCurrentProcess, handle)
        self._close_handle = _declare(kernel.CloseHandle, b, handle)
        self._local_free = _declare(kernel.LocalFree, void_p, void_p)

    @staticmethod
    def _fail(what: str, code: int | None = None) -> OSError:
        code = code if code is not None else getattr(ctypes, "get_last_error")()  # noqa: B009
        error: OSError = getattr(ctypes, "WinError")(code)  # noqa: B009
        error.strerror = f"{what}: {error.strerror}"
        return error

    def current_user_sid(self) -> str:
        token = wintypes.HANDLE()
        if not self._open_process_token(self._current_process(), TOKEN_QUERY, ctypes.byref(token)):
            raise self._fail("OpenProcessToken")
        try:
            size = wintypes.DWORD()
            self._get_token_information(token, TOKEN_USER_CLASS, None, 0, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            if not self._get_token_information(token, TOKEN_USER_CLASS, buffer, size,
                                               ctypes.byref(size)):
                raise self._fail("GetTokenInformation")
            # TOKEN_USER starts with SID_AND_ATTRIBUTES, which starts with the PSID
            sid = ctypes.cast(buffer, _P(ctypes.c_void_p))[0]
            text = ctypes.c_void_p()
            if not self._sid_to_string(sid, ctypes.byref(text)):
                raise self._fail("ConvertSidToStringSidW")
            return self._take_string(text)
        finally:
            self._close_handle(token)

    def _take_string(self, text: ctypes.c_void_p) -> str:
        """A string Windows allocated, read and released."""
        try:
            return ctypes.wstring_at(text.value or 0)
        finally:
            self._local_free(text)

    def set_dacl(self, path: str, sddl: str) -> None:
        sd = ctypes.c_void_p()
        if not self._sddl_to_sd(sddl, SDDL_REVISION_1, ctypes.byref(sd), None):
            raise self._fail("ConvertStringSecurityDescriptorToSecurityDescriptorW")
        try:
            present, defaulted, dacl = wintypes.BOOL(), wintypes.BOOL(), ctypes.c_void_p()
            if not self._sd_dacl(sd, ctypes.byref(present), ctypes.byref(dacl),
                                 ctypes.byref(defaulted)):
                raise self._fail("GetSecurityDescriptorDacl")
            code = self._set_named(path, SE_FILE_OBJECT,
                                   DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                   None, None, dacl, None)
            if code:
                raise self._fail(f"SetNamedSecurityInfoW({path})", code)
        finally:
            self._local_free(sd)

    def get_dacl(self, path: str) -> str:
        sd, dacl = ctypes.c_void_p(), ctypes.c_void_p()
        code = self._get_named(path, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, None, None,
                               ctypes.byref(dacl), None, ctypes.byref(sd))
        if code:
            raise self._fail(f"GetNamedSecurityInfoW({path})", code)
        try:
            text = ctypes.c_void_p()
            if not self._sd_to_sddl(sd, SDDL_REVISION_1, DACL_SECURITY_INFORMATION,
                                    ctypes.byref(text), None):
                raise self._fail("ConvertSecurityDescriptorToStringSecurityDescriptorW")
            return self._take_string(text)
        finally:
            self._local_free(sd)
