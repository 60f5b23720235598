'''bluetoothd stand-in for Kinglet's end-to-end tests (a python-dbusmock template)

Builds on dbusmock's bluez5 template (ObjectManager at /, /org/bluez with the
agent and profile managers) and adds adapter hci0 with the two managers a BLE
peripheral uses: org.bluez.GattManager1 and org.bluez.LEAdvertisingManager1.
Like bluetoothd, registering calls the caller back before replying, and
rejects what bluetoothd rejects:
  RegisterApplication calls GetManagedObjects on (caller, path) and fails with
    org.bluez.Error.Failed if that fails, lists nothing under the path, has no
    GattService1 with UUID and Primary, or has a GattCharacteristic1 without
    UUID, Service or Flags or whose Service is not one of them;
  RegisterAdvertisement calls Properties.GetAll('org.bluez.LEAdvertisement1')
    on (caller, path) and fails with org.bluez.Error.Failed if that fails or
    Type is not 'broadcast' or 'peripheral'; org.bluez.Error.InvalidLength if
    the flags, service UUIDs and service data do not fit in the 31 bytes of a
    legacy advertisement (UUIDs counted in the form given, as bluetoothd keeps
    them; a local name goes to the scan response); org.bluez.Error.NotPermitted past
    4 advertisements (ActiveInstances/SupportedInstances follow);
  registering the same (caller, path) twice is org.bluez.Error.AlreadyExists,
  unregistering one not registered org.bluez.Error.DoesNotExist.
An owner leaving the bus drops its registrations, as with bluetoothd.

Tests drive it through io.kinglet.test.MockBluez on /org/bluez/hci0:
  Applications() -> a(so)             registered (sender, application path)
  Advertisements() -> a(so)           registered (sender, advertisement path)
  AdvertisementProperties(i) -> a{sv} what GetAll returned for Advertisements()[i]
  FailNext(s method, s error_name)    the next call of that method (e.g.
                                      RegisterApplication) fails with that error
Adapter1 (Address 00:01:02:03:04:05, Powered true, ...) is bluez5's; its
properties change with org.freedesktop.DBus.Mock UpdateProperties('org.bluez.Adapter1',
{'Powered': False}) on /org/bluez/hci0, which emits PropertiesChanged.
'''

import dbus

from dbusmock import OBJECT_MANAGER_IFACE, mockobject

BUS_NAME = 'org.bluez'
MAIN_OBJ = '/'
SYSTEM_BUS = True
IS_OBJECT_MANAGER = True

ADAPTER_PATH = '/org/bluez/hci0'
GATT_MANAGER_IFACE = 'org.bluez.GattManager1'
ADVERTISING_MANAGER_IFACE = 'org.bluez.LEAdvertisingManager1'
SERVICE_IFACE = 'org.bluez.GattService1'
CHARACTERISTIC_IFACE = 'org.bluez.GattCharacteristic1'
ADVERTISEMENT_IFACE = 'org.bluez.LEAdvertisement1'
TEST_IFACE = 'io.kinglet.test.MockBluez'
MAX_ADVERTISEMENTS = 4
# what one legacy (Bluetooth 4.x) advertisement holds, as on a Raspberry Pi 3's controller
LEGACY_ADVERTISING_BYTES = 31


def load(mock, parameters):
    mock.AddTemplate('bluez5', parameters)
    # `python3 -m dbusmock` lists the main object only after load(); AddAdapter looks it up
    mockobject.objects[MAIN_OBJ] = mock
    mock.AddAdapter('hci0', 'kinglet-test')
    adapter = mockobject.objects[ADAPTER_PATH]
    # this template's methods are the adapter's: there they show in Introspect (dbus-python proxies need it)
    for interface in (GATT_MANAGER_IFACE, ADVERTISING_MANAGER_IFACE, TEST_IFACE):
        adapter.methods[interface] = mock.methods.pop(interface)
    # an interface without properties still has to show in GetManagedObjects
    adapter.props[GATT_MANAGER_IFACE] = dbus.Dictionary({}, signature='sv')
    adapter.AddProperties(ADVERTISING_MANAGER_IFACE, {
        'ActiveInstances': dbus.Byte(0),
        'SupportedInstances': dbus.Byte(MAX_ADVERTISEMENTS),
        'SupportedIncludes': dbus.Array(['tx-power', 'appearance', 'local-name'], signature='s'),
        'SupportedSecondaryChannels': dbus.Array([], signature='s'),
    })
    adapter.applications = []    # (sender, path)
    adapter.advertisements = []  # (sender, path, properties)
    adapter.failures = {}        # method name -> D-Bus error name, for the next call only
    adapter.watched = set()      # senders whose leaving the bus is watched


def _error(name, message):
    return dbus.exceptions.DBusException(message, name=name)


def _scripted_failure(adapter, method):
    '''The error FailNext scripted for this method, consumed; None if there is none.'''
    name = adapter.failures.pop(method, None)
    return None if name is None else _error(name, f'{method} failed as the test scripted')


def _watch_owner(adapter, sender):
    '''Drops a sender's registrations when it leaves the bus, as bluetoothd does.'''
    if sender in adapter.watched:
        return
    adapter.watched.add(sender)

    def owner_changed(owner):
        if not owner:
            adapter.applications = [a for a in adapter.applications if a[0] != sender]
            adapter.advertisements = [a for a in adapter.advertisements if a[0] != sender]
            _count_advertisements(adapter)

    adapter.connection.watch_name_owner(sender, owner_changed)


def _count_advertisements(adapter):
    active = len(adapter.advertisements)
    adapter.UpdateProperties(ADVERTISING_MANAGER_IFACE, {
        'ActiveInstances': dbus.Byte(active),
        'SupportedInstances': dbus.Byte(MAX_ADVERTISEMENTS - active),
    })


def _uuid_bytes(uuid):
    '''How many bytes a UUID takes on air: bluetoothd keeps the form it was given (4 hex digits: 16
    bits, 8: 32 bits, written out in full: 128 bits).'''
    return {4: 2, 8: 4}.get(len(str(uuid)), 16)


def _advertising_length(props):
    '''The legacy advertising data bluetoothd would build: flags, the service UUID list and the
    service data (a local name goes to the scan response).'''
    length = 3
    uuids = [str(u) for u in props.get('ServiceUUIDs', [])]
    for size in sorted({_uuid_bytes(u) for u in uuids}):
        length += 2 + size * sum(1 for u in uuids if _uuid_bytes(u) == size)
    for uuid, data in props.get('ServiceData', {}).items():
        length += 2 + _uuid_bytes(uuid) + len(data)
    return length


def _application_error(app_path, objects):
    '''What bluetoothd would reject in a GetManagedObjects answer; None if it is valid.'''
    ours = {str(p): i for p, i in objects.items() if str(p) == app_path or str(p).startswith(app_path + '/')}
    if not ours:
        return 'No object received'
    services = {p for p, i in ours.items()
                if SERVICE_IFACE in i and 'UUID' in i[SERVICE_IFACE] and 'Primary' in i[SERVICE_IFACE]}
    if not services:
        return 'No valid service object found'
    for path, interfaces in ours.items():
        props = interfaces.get(CHARACTERISTIC_IFACE)
        if props is None:
            continue
        missing = [p for p in ('UUID', 'Service', 'Flags') if p not in props]
        if missing:
            return f'characteristic {path} lacks {", ".join(missing)}'
        if str(props['Service']) not in services:
            return f'characteristic {path} names no registered service: {props["Service"]}'
    return None


@dbus.service.method(GATT_MANAGER_IFACE, in_signature='oa{sv}', out_signature='',
                     sender_keyword='sender', async_callbacks=('reply', 'error'))
def RegisterApplication(adapter, app_path, _options, sender, reply, error):
    failure = _scripted_failure(adapter, 'RegisterApplication')
    if failure:
        error(failure)
        return
    if (sender, app_path) in adapter.applications:
        error(_error('org.bluez.Error.AlreadyExists', 'Already Exists'))
        return

    # asynchronously: the caller answers GetManagedObjects while it waits for this reply
    def received(objects):
        problem = _application_error(str(app_path), objects)
        if problem:
            error(_error('org.bluez.Error.Failed', problem))
            return
        adapter.applications.append((sender, app_path))
        _watch_owner(adapter, sender)
        reply()

    adapter.connection.call_async(
        sender, app_path, OBJECT_MANAGER_IFACE, 'GetManagedObjects', '', (), received,
        lambda e: error(_error('org.bluez.Error.Failed', f'GetManagedObjects failed: {e}')))


@dbus.service.method(GATT_MANAGER_IFACE, in_signature='o', out_signature='', sender_keyword='sender')
def UnregisterApplication(adapter, app_path, sender):
    failure = _scripted_failure(adapter, 'UnregisterApplication')
    if failure:
        raise failure
    if (sender, app_path) not in adapter.applications:
        raise _error('org.bluez.Error.DoesNotExist', 'Does Not Exist')
    adapter.applications.remove((sender, app_path))


@dbus.service.method(ADVERTISING_MANAGER_IFACE, in_signature='oa{sv}', out_signature='',
                     sender_keyword='sender', async_callbacks=('reply', 'error'))
def RegisterAdvertisement(adapter, adv_path, _options, sender, reply, error):
    failure = _scripted_failure(adapter, 'RegisterAdvertisement')
    if failure:
        error(failure)
        return
    if any(a[:2] == (sender, adv_path) for a in adapter.advertisements):
        error(_error('org.bluez.Error.AlreadyExists', 'Already Exists'))
        return
    if len(adapter.advertisements) >= MAX_ADVERTISEMENTS:
        error(_error('org.bluez.Error.NotPermitted', 'Maximum advertisements reached'))
        return

    def received(props):
        if str(props.get('Type', '')) not in ('broadcast', 'peripheral'):
            error(_error('org.bluez.Error.Failed', 'Failed to parse advertisement: no valid Type'))
            return
        if _advertising_length(props) > LEGACY_ADVERTISING_BYTES:
            error(_error('org.bluez.Error.InvalidLength',
                         f'Advertising data too long: {_advertising_length(props)} bytes'))
            return
        adapter.advertisements.append((sender, adv_path, props))
        _watch_owner(adapter, sender)
        _count_advertisements(adapter)
        reply()

    adapter.connection.call_async(
        sender, adv_path, dbus.PROPERTIES_IFACE, 'GetAll', 's', (ADVERTISEMENT_IFACE,), received,
        lambda e: error(_error('org.bluez.Error.Failed', f'Failed to parse advertisement: {e}')))


@dbus.service.method(ADVERTISING_MANAGER_IFACE, in_signature='o', out_signature='', sender_keyword='sender')
def UnregisterAdvertisement(adapter, adv_path, sender):
    failure = _scripted_failure(adapter, 'UnregisterAdvertisement')
    if failure:
        raise failure
    kept = [a for a in adapter.advertisements if a[:2] != (sender, adv_path)]
    if len(kept) == len(adapter.advertisements):
        raise _error('org.bluez.Error.DoesNotExist', 'Does Not Exist')
    adapter.advertisements = kept
    _count_advertisements(adapter)


@dbus.service.method(TEST_IFACE, in_signature='', out_signature='a(so)')
def Applications(adapter):
    return dbus.Array(adapter.applications, signature='(so)')


@dbus.service.method(TEST_IFACE, in_signature='', out_signature='a(so)')
def Advertisements(adapter):
    return dbus.Array([a[:2] for a in adapter.advertisements], signature='(so)')


@dbus.service.method(TEST_IFACE, in_signature='i', out_signature='a{sv}')
def AdvertisementProperties(adapter, index):
    if not 0 <= index < len(adapter.advertisements):
        raise _error('org.freedesktop.DBus.Error.InvalidArgs', f'no advertisement {index}')
    return adapter.advertisements[index][2]


@dbus.service.method(TEST_IFACE, in_signature='ss', out_signature='')
def FailNext(adapter, method, error_name):
    adapter.failures[str(method)] = str(error_name)
