// The counter: header, offline banner and notices on every screen; one screen at a time below.
import { useEffect, useRef, useState } from 'react';
import { AdminArea } from './admin/AdminArea.js';
import { DoorScreen } from './door/DoorScreen.js';
import { KioskApp } from './kiosk/KioskApp.js';
import { KioskStaff } from './kiosk/KioskStaff.js';
import { FKeyBar } from './components/FKeyBar.js';
import { Header } from './components/Header.js';
import { NoticeBar } from './components/NoticeBar.js';
import { OfflineBanner } from './components/OfflineBanner.js';
import { SaleQuestions } from './components/SaleQuestions.js';
import type { StationClient } from './contract-client.js';
import { localeOf } from './lib/format.js';
import { useGlobalKeys } from './lib/use-global-keys.js';
import { useStationEvents } from './lib/use-station-events.js';
import { PickupPanel } from './pickup/PickupPanel.js';
import { PrinterView } from './screens/PrinterView.js';
import { ReviewList } from './screens/ReviewList.js';
import { Enroll } from './screens/Enroll.js';
import { SaleDone } from './screens/SaleDone.js';
import { SalesList } from './screens/SalesList.js';
import { SellView } from './screens/SellView.js';
import { ShowList } from './screens/ShowList.js';
import { SignIn } from './screens/SignIn.js';
import { Tender } from './screens/Tender.js';
import { TillView } from './screens/TillView.js';
import { useCounter, useCounterStore } from './store/counter-store.js';

function Screen({ client }: { client: StationClient }) {
  const view = useCounter((s) => s.view);
  const cinema = useCounter((s) => s.status?.cinema);
  switch (view) {
    case 'signin':
      return <SignIn />;
    case 'shows':
      return <ShowList />;
    case 'seats':
      return <SellView />;
    case 'tender':
      return <Tender />;
    case 'done':
      return <SaleDone />;
    case 'sales':
      return <SalesList />;
    case 'till':
      return <TillView />;
    case 'review':
      return <ReviewList />;
    case 'printer':
      return <PrinterView />;
    case 'admin':
      return <AdminArea />;
    case 'pickup':
      return <PickupPanel invoke={client.invoke} locale={localeOf(cinema)} />;
  }
}

/** The whole counter window. */
export function App({ client }: { client: StationClient }) {
  const store = useCounterStore();
  useStationEvents(client, store);
  useGlobalKeys(store);
  const signedIn = useCounter((s) => s.staff !== null);
  const view = useCounter((s) => s.view);
  // Not enrolled, or revoked: nothing else works until the station has a credential.
  const enrollment = useCounter((s) => s.status?.enrollment);
  const enrolling = enrollment !== undefined && enrollment.state !== 'enrolled';
  const door = useCounter((s) => s.status?.mode === 'door');
  const timeZone = useCounter((s) => s.status?.cinema?.timeZone);
  const kiosk = useCounter((s) => s.status?.kiosk === true);
  const cinema = useCounter((s) => s.status?.cinema);
  // At a kiosk, staff come only to open or close it: "Staff" on the kiosk asks for their PIN.
  const [staffWanted, setStaffWanted] = useState(false);
  // Staff who sign out (or are signed out) at a kiosk hand it back to customers.
  const wasSignedIn = useRef(signedIn);
  useEffect(() => {
    if (wasSignedIn.current && !signedIn) setStaffWanted(false);
    wasSignedIn.current = signedIn;
  }, [signedIn]);
  if (kiosk && !enrolling && !signedIn && !staffWanted)
    return (
      <KioskApp
        client={client}
        locale={localeOf(cinema)}
        cinemaName={cinema?.name ?? ''}
        onStaff={() => setStaffWanted(true)}
      />
    );
  if (kiosk && !enrolling)
    return (
      <div className="app">
        <Header />
        <NoticeBar />
        <div className="screen">
          {signedIn ? (
            <KioskStaff client={client} onLeave={() => setStaffWanted(false)} />
          ) : (
            <>
              <SignIn />
              <button type="button" className="kiosk-back" onClick={() => setStaffWanted(false)}>
                Back to the kiosk
              </button>
            </>
          )}
        </div>
      </div>
    );
  if (door && !enrolling)
    return (
      <div className="app">
        <Header />
        <OfflineBanner />
        <div className="screen">
          <DoorScreen client={client} {...(timeZone === undefined ? {} : { timeZone })} />
        </div>
      </div>
    );
  return (
    <div className="app">
      <Header />
      <OfflineBanner />
      <NoticeBar />
      <div className="screen">
        {enrolling ? (
          <Enroll client={client} enrollment={enrollment} />
        ) : (
          <Screen client={client} />
        )}
      </div>
      {signedIn && !enrolling && view !== 'admin' && <FKeyBar />}
      <SaleQuestions />
    </div>
  );
}
