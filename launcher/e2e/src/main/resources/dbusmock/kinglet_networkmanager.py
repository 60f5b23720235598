'''NetworkManager stand-in for Kinglet's end-to-end tests (a python-dbusmock template)

dbusmock's networkmanager template (devices and access points added with
org.freedesktop.DBus.Mock AddWiFiDevice / AddAccessPoint on /org/freedesktop)
with AddAndActivateConnection replaced, so that activation takes time and can
fail as it does on a device:
  - the profile is stored as given (completed with connection.id/uuid/type, as
    NetworkManager does) under /org/freedesktop/NetworkManager/Settings/N;
    unlike NetworkManager, Settings.Connection.GetSettings returns the secrets
    too (802-11-wireless-security.psk),
  - the returned active connection starts in State 1 (activating) and moves to
    2 (activated) after ACTIVATION_MS; every change emits both
    org.freedesktop.DBus.Properties.PropertiesChanged and
    org.freedesktop.NetworkManager.Connection.Active.StateChanged(u state, u reason).
    (The stock template's device goes State 100 at once, whatever follows.)
No access point needs to match: the SSID comes from 802-11-wireless.ssid, or
else from the specific object's Ssid.

Tests script failures through io.kinglet.test.MockNetworkManager on /org/freedesktop:
  FailSsid(s ssid)  activating that SSID ends in State 4 (deactivated, reason 9
                    "no secrets", as a wrong password does) after ACTIVATION_MS;
                    the active connection leaves the manager's ActiveConnections
                    and the device goes State 30 (disconnected), but the object
                    stays, State 4, for a product polling it to read
  HangSsid(s ssid)  activating that SSID stays in State 1 for good
  SetActivationDelay(u ms)
                    how long activating takes from now on (ACTIVATION_MS at first;
                    0 for benchmarks that time only what the client does)
'''

import itertools
import uuid

import dbus
from gi.repository import GLib

import dbusmock
from dbusmock.templates import networkmanager as stock

BUS_NAME = stock.BUS_NAME
MAIN_OBJ = stock.MAIN_OBJ
SYSTEM_BUS = True
IS_OBJECT_MANAGER = True

TEST_IFACE = 'io.kinglet.test.MockNetworkManager'
ACTIVATION_MS = 200
REASON_NONE = 1
REASON_NO_SECRETS = 9

_active_names = itertools.count()


def load(mock, parameters):
    mock.AddTemplate('networkmanager', parameters)
    mock.failing_ssids = set()
    mock.hanging_ssids = set()
    mock.activation_ms = ACTIVATION_MS
    dbusmock.get_object(stock.MANAGER_OBJ).add_and_activate_connection = add_and_activate_connection


def _ssid(conn_conf, ap):
    wireless = conn_conf.get('802-11-wireless', {})
    if 'ssid' in wireless:
        return bytes(wireless['ssid'])
    return bytes(dbusmock.get_object(ap).Get(stock.ACCESS_POINT_IFACE, 'Ssid'))


def _store(conn_conf, ssid):
    '''Adds the profile as NetworkManager would; returns its path.'''
    settings = dbus.Dictionary({k: dbus.Dictionary(v, signature='sv') for k, v in conn_conf.items()},
                               signature='sa{sv}')
    connection = settings.setdefault('connection', dbus.Dictionary({}, signature='sv'))
    connection.setdefault('type', '802-11-wireless')
    connection.setdefault('id', ssid.decode('utf-8', 'replace'))
    connection.setdefault('uuid', str(uuid.uuid4()))
    settings.setdefault('802-11-wireless', dbus.Dictionary({}, signature='sv')).setdefault(
        'ssid', dbus.ByteArray(ssid))
    # the stock store activates autoconnect profiles on its own: store without the flag, then keep it
    stored = dbus.Dictionary(settings, signature='sa{sv}')
    stored['connection'] = dbus.Dictionary(
        {k: v for k, v in connection.items() if k != 'autoconnect'}, signature='sv')
    path = dbusmock.get_object(stock.SETTINGS_OBJ).SettingsAddConnection(stored)
    dbusmock.get_object(path).settings = settings
    return path


def _set_state(active_path, state, reason):
    active = dbusmock.get_object(active_path)
    active.Set(stock.ACTIVE_CONNECTION_IFACE, 'State', dbus.UInt32(state))  # emits PropertiesChanged
    active.EmitSignal(stock.ACTIVE_CONNECTION_IFACE, 'StateChanged', 'uu', [dbus.UInt32(state), dbus.UInt32(reason)])


def _fail(manager, active_path, devices):
    _set_state(active_path, stock.NMActiveConnectionState.NM_ACTIVE_CONNECTION_STATE_DEACTIVATED,
               REASON_NO_SECRETS)
    for dev in devices:
        manager.SetDeviceDisconnected(dev)
    active_connections = manager.Get(stock.MANAGER_IFACE, 'ActiveConnections')
    active_connections.remove(dbus.ObjectPath(active_path))
    manager.SetProperty(stock.MANAGER_OBJ, stock.MANAGER_IFACE, 'ActiveConnections', active_connections)


def add_and_activate_connection(manager, conn_conf, dev, ap):
    ssid = _ssid(conn_conf, ap)
    conn_path = _store(conn_conf, ssid)
    devices = [dev] if str(dev) != '/' else []
    active_path = manager.AddActiveConnection(
        devices, conn_path, ap, str(next(_active_names)),
        stock.NMActiveConnectionState.NM_ACTIVE_CONNECTION_STATE_ACTIVATING)

    main = dbusmock.get_object(MAIN_OBJ)
    ssid_text = ssid.decode('utf-8', 'replace')
    if ssid_text in main.failing_ssids:
        GLib.timeout_add(main.activation_ms, lambda: _fail(manager, active_path, devices))
    elif ssid_text not in main.hanging_ssids:
        GLib.timeout_add(main.activation_ms, lambda: _set_state(
            active_path, stock.NMActiveConnectionState.NM_ACTIVE_CONNECTION_STATE_ACTIVATED, REASON_NONE))
    return (dbus.ObjectPath(conn_path), dbus.ObjectPath(active_path))


@dbus.service.method(TEST_IFACE, in_signature='s', out_signature='')
def FailSsid(main, ssid):
    main.failing_ssids.add(str(ssid))


@dbus.service.method(TEST_IFACE, in_signature='s', out_signature='')
def HangSsid(main, ssid):
    main.hanging_ssids.add(str(ssid))


@dbus.service.method(TEST_IFACE, in_signature='u', out_signature='')
def SetActivationDelay(main, milliseconds):
    main.activation_ms = int(milliseconds)
