// The home page's reminder: how many candidates wait for the user's step, and how many are late.
// Nothing is shown when nothing waits.
import { ScheduleOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTodo } from './hooks.ts';

export function CampaignTodoCard() {
  const { t } = useTranslation();
  const { data } = useTodo();
  if (!data || data.total === 0) return null;
  return (
    <Alert
      type={data.overdue ? 'error' : data.dueSoon ? 'warning' : 'info'}
      showIcon
      icon={<ScheduleOutlined />}
      data-testid="home-campaign-todo"
      title={t('campaigns.todo.homeTitle', { count: data.total })}
      description={data.overdue || data.dueSoon ? t('campaigns.todo.homeLate', { overdue: data.overdue, dueSoon: data.dueSoon }) : undefined}
      action={
        <Link to="/campaigns/todo">
          <Button size="small" type="primary">
            {t('campaigns.todo.open')}
          </Button>
        </Link>
      }
    />
  );
}
