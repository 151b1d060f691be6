// Catches what a page throws while rendering. The usual cause in production: a new version was
// deployed and the old page chunks are gone, so the remedy offered is a reload.
import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import i18n from '../i18n.ts';

interface State {
  error: Error | null;
}

export class RouteErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    const stale = /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(this.state.error.message);
    return (
      <Result
        status="warning"
        title={i18n.t(stale ? 'errors.newVersion' : 'errors.pageCrashed')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18n.t('common.reload')}
          </Button>
        }
      />
    );
  }
}
