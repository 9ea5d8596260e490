import { AdminTabs } from '@/components/admin/AdminTabs';

// Navigation only: every admin page checks the role itself, and every admin action checks it again in lib/admin.
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <AdminTabs />
      {children}
    </>
  );
}
