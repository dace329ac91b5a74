"""pytest-socket is on for the whole suite: no test opens a socket unless it is marked for loopback."""

import socket

import pytest
from pytest_socket import SocketBlockedError, SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_an_unmarked_test_cannot_open_a_socket() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket()


@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_a_marked_test_reaches_127_0_0_1_and_nothing_else() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname(), timeout=2):
            pass
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
