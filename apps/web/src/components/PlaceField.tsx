// Where something is, said from a phone: a description of the place and, if the phone allows it,
// its position — either is enough (an alarm at night in the rain may have only one of them).
// Used by the alarm, hazard and help forms, and, to show a stored place, by their lists and pages.
import { CloseOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Position {
  latitude: number;
  longitude: number;
  /** Metres, as the phone estimates it. */
  accuracy: number;
}

/** What the form knows about the place when it is checked. */
export interface Located {
  place: string;
  latitude?: number;
  longitude?: number;
}

/** Seven decimals: a centimetre, finer than any phone fix, and what the server keeps. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
/** Five decimals (about a metre) to read; the stored value keeps them all. */
export const formatCoords = (p: { latitude: number; longitude: number }) => `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`;

const GEO_ERRORS: Record<number, string> = { 1: 'placeField.geo.denied', 3: 'placeField.geo.timeout' };

/** Asks the phone where it is; a failure says why in the user's language, and what to do instead. */
export function useGeolocation() {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  function locate(): Promise<Position | null> {
    setError(null);
    // Browsers offer the position only to pages served over https (or from localhost).
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setError(t('placeField.geo.unsupported'));
      return Promise.resolve(null);
    }
    setLocating(true);
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (p) => {
          setLocating(false);
          resolve({ latitude: round7(p.coords.latitude), longitude: round7(p.coords.longitude), accuracy: p.coords.accuracy });
        },
        (e) => {
          setLocating(false);
          setError(t(GEO_ERRORS[e.code] ?? 'placeField.geo.unavailable'));
          resolve(null);
        },
        // A fix of the last minute is as good as a new one for a report, and comes at once.
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
      );
    });
  }
  return { locating, error, locate };
}

/** Holds a form value that has no input of its own (the position). */
function Held(_: { value?: unknown }) {
  return null;
}

export interface PlaceFieldProps {
  label: ReactNode;
  placeholder?: string;
  /** data-testids: `${p}-place`, `${p}-locate`, `${p}-coords`, `${p}-geo-error`. */
  testIdPrefix: string;
  /** Whether the place is said well enough (the domain's rule for the record). */
  hasLocation: (where: Located) => boolean;
  /** Shown when it is not. */
  missingMessage: string;
  /** Form names of the description and of the position (a `Position` or null). */
  name?: string;
  positionName?: string;
  maxLength?: number;
}

/**
 * A form field: the description as `name`, the position as `positionName` (null until located).
 * Checked on submit, not while typing: a half-typed place is not yet an error.
 */
export function PlaceField({ label, placeholder, testIdPrefix, hasLocation, missingMessage, name = 'place', positionName = 'position', maxLength = 200 }: PlaceFieldProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const position = Form.useWatch<Position | null | undefined>(positionName, form) ?? null;
  const geo = useGeolocation();
  const clearError = () => form.setFields([{ name, errors: [] }]);

  async function locate() {
    const found = await geo.locate();
    if (!found) return;
    form.setFieldValue(positionName, found);
    clearError();
  }

  return (
    <>
      <Form.Item name={positionName} noStyle initialValue={null}>
        <Held />
      </Form.Item>
      <Form.Item label={label} required>
        <Form.Item
          name={name}
          noStyle
          validateTrigger={[]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value?: string) => {
                const p = getFieldValue(positionName) as Position | null;
                return hasLocation({ place: (value ?? '').trim(), latitude: p?.latitude, longitude: p?.longitude }) ? Promise.resolve() : Promise.reject(new Error(missingMessage));
              },
            }),
          ]}
        >
          <Input maxLength={maxLength} placeholder={placeholder} onChange={clearError} data-testid={`${testIdPrefix}-place`} />
        </Form.Item>
        <Button
          block
          icon={geo.locating ? <LoadingOutlined /> : <EnvironmentOutlined />}
          onClick={() => void locate()}
          disabled={geo.locating}
          style={{ marginTop: 8, height: 52, fontSize: 17 }}
          data-testid={`${testIdPrefix}-locate`}
        >
          {geo.locating ? t('placeField.geo.locating') : position ? t('placeField.geo.again') : t('placeField.geo.use')}
        </Button>
        {position && (
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6, fontSize: 14 }} data-testid={`${testIdPrefix}-coords`}>
            <EnvironmentOutlined style={{ color: '#389e0d' }} />
            <span style={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}>{t('placeField.geo.at', { coords: formatCoords(position), accuracy: Math.round(position.accuracy) })}</span>
            <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('placeField.geo.clear')} onClick={() => form.setFieldValue(positionName, null)} data-testid={`${testIdPrefix}-coords-clear`} />
          </div>
        )}
        {geo.error && <Alert type="warning" showIcon title={geo.error} style={{ marginTop: 6 }} data-testid={`${testIdPrefix}-geo-error`} />}
      </Form.Item>
    </>
  );
}

/** A stored place in a list: its description, or "position only"; a green pin when a position is attached. */
export function PlaceText({ place, latitude }: { place: string; latitude: number | null }) {
  const { t } = useTranslation();
  return (
    <>
      {place || t('placeField.coordsOnly')}
      {latitude !== null && <EnvironmentOutlined style={{ color: '#389e0d', marginInlineStart: 6 }} title={t('placeField.hasCoords')} aria-label={t('placeField.hasCoords')} data-testid="place-has-coords" />}
    </>
  );
}

/** A stored position on a detail page, with a link that opens it in the phone's map app. */
export function Coordinates({ latitude, longitude, testId }: { latitude: number | null; longitude: number | null; testId?: string }) {
  const { t } = useTranslation();
  if (latitude === null || longitude === null) return <>{t('placeField.noCoords')}</>;
  return (
    <span data-testid={testId}>
      {formatCoords({ latitude, longitude })}{' '}
      <a href={`geo:${latitude},${longitude}`}>
        <EnvironmentOutlined /> {t('placeField.openMap')}
      </a>
    </span>
  );
}
